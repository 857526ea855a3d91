/**
 * The Spring Boot starter: {@link dev.couponkernel.spring.boot.CouponKernelAutoConfiguration}
 * configures the kernel from the application's beans and the {@code couponkernel.*} properties
 * ({@link dev.couponkernel.spring.boot.CouponKernelProperties}). See {@code docs/spring.md}.
 */
package dev.couponkernel.spring.boot;

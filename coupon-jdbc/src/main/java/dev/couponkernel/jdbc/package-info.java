/** The reference JDBC storage: {@link dev.couponkernel.jdbc.JdbcCouponStorage} and its schema installer. */
package dev.couponkernel.jdbc;

package dev.couponkernel.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The coupon service: the kernel on the Spring Boot starter, its REST API under {@code /v1}, the admin
 * pages under {@code /admin} and Actuator under {@code /actuator}. Started with no settings it runs on an
 * embedded H2 database with sample coupons; {@code spring.datasource.*} points it at PostgreSQL
 * ({@code docs/service.md}).
 */
@SpringBootApplication
@EnableConfigurationProperties(ServiceProperties.class)
public class CouponServiceApplication {

    /**
     * Starts the service.
     *
     * @param args Spring Boot's command line ({@code --server.port=9090}, {@code --spring.datasource.url=...})
     */
    public static void main(String[] args) {
        SpringApplication.run(CouponServiceApplication.class, args);
    }
}

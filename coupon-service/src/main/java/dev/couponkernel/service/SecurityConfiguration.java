package dev.couponkernel.service;

import dev.couponkernel.service.api.Problems;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may reach what. The REST API and Actuator take HTTP basic authentication, stateless, without
 * cookies and so without CSRF tokens: role {@code CHECKOUT} (the shop's checkout backend) reaches
 * validate, apply and a checkout's redeem, release and reinstate; role {@code ADMIN} reaches every
 * endpoint. The admin pages take a form sign-in with a session and CSRF protection, for role {@code
 * ADMIN} only. The health endpoint, the OpenAPI document and the sign-in page are open; everything else
 * answers 401 (API) or sends the browser to the sign-in page.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

    /**
     * The API's and Actuator's rules.
     *
     * @param http the builder
     * @param problems writes 401 and 403 as problem details
     * @return the chain
     * @throws Exception as Spring Security's builder declares
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, Problems problems) throws Exception {
        http.securityMatcher("/v1/**", "/actuator/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/v1/openapi.yaml", "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/v1/validate", "/v1/apply", "/v1/checkouts/*/redeem",
                                "/v1/checkouts/*/release", "/v1/checkouts/*/reinstate")
                                .hasAnyRole(ServiceProperties.Role.CHECKOUT.name(), ServiceProperties.Role.ADMIN.name())
                        .anyRequest().hasRole(ServiceProperties.Role.ADMIN.name()))
                .httpBasic(b -> b.authenticationEntryPoint(problems::unauthorized))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())   // no cookie, no session: every request carries its credentials
                .requestCache(c -> c.disable());
        return http.build();
    }

    /**
     * The admin pages' rules: form sign-in, a session, CSRF tokens on every form.
     *
     * @param http the builder
     * @return the chain
     * @throws Exception as Spring Security's builder declares
     */
    @Bean
    @Order(2)
    SecurityFilterChain adminSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/admin/style.css", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/", "/admin", "/admin/**").hasRole(ServiceProperties.Role.ADMIN.name())
                        .anyRequest().denyAll())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/admin", true).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'")));
        return http.build();
    }

    /**
     * The users from {@code coupon-service.users}; with none configured, {@code admin} and {@code
     * checkout} with generated passwords, logged once at start-up.
     *
     * @param properties the settings
     * @return the users
     */
    @Bean
    UserDetailsService users(ServiceProperties properties) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        List<UserDetails> users = new ArrayList<>();
        if (properties.getUsers().isEmpty()) {
            for (ServiceProperties.Role role : ServiceProperties.Role.values()) {
                String name = role.name().toLowerCase(java.util.Locale.ROOT);
                String password = generatedPassword();
                LOG.warn("no coupon-service.users configured: user '{}' (role {}) has the generated password {}"
                        + " (configure users before running this anywhere but on your own machine)", name, role, password);
                users.add(User.withUsername(name).password(encoder.encode(password)).roles(role.name()).build());
            }
        }
        for (Map.Entry<String, ServiceProperties.User> e : properties.getUsers().entrySet()) {
            ServiceProperties.User u = e.getValue();
            if (u.getPassword() == null || u.getPassword().isBlank()) {
                throw new IllegalStateException("coupon-service.users." + e.getKey() + ".password is required");
            }
            if (u.getRoles().isEmpty()) {
                throw new IllegalStateException("coupon-service.users." + e.getKey() + ".roles is required (ADMIN, CHECKOUT)");
            }
            users.add(User.withUsername(e.getKey()).password(u.getPassword()).passwordEncoder(p -> p)
                    .roles(u.getRoles().stream().map(Enum::name).toArray(String[]::new)).build());
        }
        return new InMemoryUserDetailsManager(users);
    }

    /** @return the encoder for the configured passwords: {@code {bcrypt}}, {@code {noop}} and Spring Security's other prefixes */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    private static String generatedPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

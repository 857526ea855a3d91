package dev.couponkernel.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The service's own settings, under {@code coupon-service}: who may sign in, and whether an empty store
 * gets sample coupons at start-up.
 */
@ConfigurationProperties("coupon-service")
public class ServiceProperties {

    /** The users, by name. With none configured the service makes {@code admin} and {@code checkout} with generated passwords it logs once. */
    private final Map<String, User> users = new LinkedHashMap<>();

    /** Whether a store without any coupon gets the sample coupons at start-up. */
    private boolean sampleData = true;

    /** @return the configured users, by name */
    public Map<String, User> getUsers() {
        return users;
    }

    /** @return whether an empty store gets the sample coupons */
    public boolean isSampleData() {
        return sampleData;
    }

    /** @param sampleData whether an empty store gets the sample coupons */
    public void setSampleData(boolean sampleData) {
        this.sampleData = sampleData;
    }

    /** One user: a password (with its encoding prefix, {@code {bcrypt}...} or {@code {noop}...}) and roles. */
    public static class User {
        private String password;
        private List<Role> roles = List.of();

        /** @return the password, with its encoding prefix */
        public String getPassword() {
            return password;
        }

        /** @param password the password, with its encoding prefix ({@code {bcrypt}}, {@code {noop}}) */
        public void setPassword(String password) {
            this.password = password;
        }

        /** @return the roles */
        public List<Role> getRoles() {
            return roles;
        }

        /** @param roles the roles */
        public void setRoles(List<Role> roles) {
            this.roles = List.copyOf(roles);
        }
    }

    /** What a user may do. */
    public enum Role {
        /** Shop staff: the admin pages and every endpoint. */
        ADMIN,
        /** The shop's checkout backend: validate, apply, redeem, release and reinstate only. */
        CHECKOUT
    }
}

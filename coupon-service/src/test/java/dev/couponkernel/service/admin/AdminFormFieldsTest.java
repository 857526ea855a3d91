package dev.couponkernel.service.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which form field a reading error or a kernel field is shown next to. */
class AdminFormFieldsTest {

    @Test
    void pathsAndFieldsPointAtTheirFormField() {
        assertThat(AdminController.fieldOf("$.code is required", "PERCENT")).isEqualTo("code");
        assertThat(AdminController.fieldOf("code", "PERCENT")).isEqualTo("code");
        assertThat(AdminController.fieldOf("$.codes must be SHARED or UNIQUE", "PERCENT")).isEqualTo("codes");
        assertThat(AdminController.fieldOf("$.discount.percent percentage: must be at most 100", "PERCENT")).isEqualTo("percent");
        assertThat(AdminController.fieldOf("$.discount.amounts[0].currency unknown", "FIXED")).isEqualTo("currency");
        assertThat(AdminController.fieldOf("$.discount.amounts[0].amount bad", "FIXED")).isEqualTo("amount");
        assertThat(AdminController.fieldOf("$.discount.tiers is required", "TIERED")).isEqualTo("discountJson");
        assertThat(AdminController.fieldOf("$.limits limits.maxUsesPerUser: must be at least 1", "PERCENT")).isEqualTo("maxUsesPerUser");
        assertThat(AdminController.fieldOf("$.limits.budget[0].amount bad", "PERCENT")).isEqualTo("budget");
        assertThat(AdminController.fieldOf("$.validity.validUntil before validFrom", "PERCENT")).isEqualTo("validFrom");
        assertThat(AdminController.fieldOf("$ must be an object", "PERCENT")).isEqualTo("form");
    }
}

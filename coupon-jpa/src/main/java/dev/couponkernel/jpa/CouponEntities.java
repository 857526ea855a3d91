package dev.couponkernel.jpa;

import dev.couponkernel.jpa.entity.ActiveCodeRow;
import dev.couponkernel.jpa.entity.AttemptRow;
import dev.couponkernel.jpa.entity.AuditHeadRow;
import dev.couponkernel.jpa.entity.AuditRow;
import dev.couponkernel.jpa.entity.CheckoutRow;
import dev.couponkernel.jpa.entity.CodeBatchRow;
import dev.couponkernel.jpa.entity.CodeRow;
import dev.couponkernel.jpa.entity.CounterRow;
import dev.couponkernel.jpa.entity.CouponRow;
import dev.couponkernel.jpa.entity.OutboxPartitionRow;
import dev.couponkernel.jpa.entity.OutboxRow;
import dev.couponkernel.jpa.entity.SellerRow;
import dev.couponkernel.jpa.entity.UsageRow;
import dev.couponkernel.jpa.entity.UserCounterRow;
import dev.couponkernel.jpa.entity.BudgetRow;
import dev.couponkernel.jpa.entity.UserUsageRow;
import java.util.List;

/**
 * The entities a persistence unit needs for {@link JpaCouponStorage}: one per table of coupon-jdbc's
 * schema (version 8). List them in the host's {@code persistence.xml} ({@code <class>} elements),
 * or pass {@link #classNames()} to the provider's programmatic bootstrap. Stateless.
 */
public final class CouponEntities {

    private static final List<Class<?>> CLASSES = List.of(CouponRow.class, CounterRow.class, UserCounterRow.class,
            UsageRow.class, CheckoutRow.class, AuditRow.class, AuditHeadRow.class, OutboxRow.class, OutboxPartitionRow.class,
            ActiveCodeRow.class, UserUsageRow.class, SellerRow.class, AttemptRow.class, BudgetRow.class,
            CodeBatchRow.class, CodeRow.class);

    private CouponEntities() {}

    /** @return the entity classes, in table order of the schema */
    public static List<Class<?>> classes() {
        return CLASSES;
    }

    /** @return the fully qualified names of {@link #classes()} */
    public static List<String> classNames() {
        return CLASSES.stream().map(Class::getName).toList();
    }
}

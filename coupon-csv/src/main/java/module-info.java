/**
 * Coupon Kernel CSV: a campaign's unique codes imported from and exported to CSV files, on Apache
 * Commons CSV. Depends on the core and Commons CSV.
 */
module dev.couponkernel.csv {
    requires transitive dev.couponkernel.core;
    requires org.apache.commons.csv;

    exports dev.couponkernel.csv;
}

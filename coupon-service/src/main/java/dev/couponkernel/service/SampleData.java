package dev.couponkernel.service;

import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.campaign.CodePattern;
import dev.couponkernel.spi.coupon.CodeMode;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.ReinstatePolicy;
import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.store.CouponQuery;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.UsageLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * With {@code coupon-service.sample-data=true} (the default) and a store without any coupon, creates
 * and activates sample coupons at start-up: {@code WELCOME10} (10 % off, once per customer), {@code
 * SHIPFREE} (free shipping) and {@code XMAS} (a campaign of 100 unique codes, single use each, 5 EUR
 * off). A store that holds a coupon is left as it is.
 */
@Component
public class SampleData implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SampleData.class);

    private final CouponKernel kernel;
    private final ServiceProperties properties;

    /**
     * @param kernel the kernel
     * @param properties the settings
     */
    public SampleData(CouponKernel kernel, ServiceProperties properties) {
        this.kernel = kernel;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.isSampleData() || kernel.search(CouponQuery.all(0, 1)).total() > 0) {
            return;
        }
        Actor actor = Actor.of("service:sample-data");
        try {
            CouponRecord welcome = kernel.create(CouponDefinition.builder("WELCOME10").percentOff(10)
                    .limits(UsageLimits.of(1_000, 1)).reinstatePolicy(ReinstatePolicy.ON_CANCELLED_ORDER).build(), actor);
            kernel.activate(welcome.id(), actor);
            CouponRecord shipping = kernel.create(CouponDefinition.builder("SHIPFREE").freeShipping().build(), actor);
            kernel.activate(shipping.id(), actor);
            CouponRecord xmas = kernel.create(CouponDefinition.builder("XMAS").amountOff(Money.of("5.00", "EUR"))
                    .codes(CodeMode.UNIQUE).limits(UsageLimits.unlimited().withPerCode(1)).build(), actor);
            kernel.campaigns().generate(xmas.id(), CodePattern.builder().prefix("XMAS-").length(8).groupsOf(4).build(), 100,
                    "sample-xmas", actor, n -> { });
            kernel.activate(xmas.id(), actor);
        } catch (ConflictException e) {
            // another node, starting at the same moment on the same database, stored them first
            LOG.info("sample coupons not created here: {}", e.getMessage());
            return;
        }
        LOG.info("sample coupons created: WELCOME10, SHIPFREE and the campaign XMAS with 100 codes");
    }
}

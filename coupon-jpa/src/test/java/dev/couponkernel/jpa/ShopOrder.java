package dev.couponkernel.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A host's own entity, written in the same transaction as a checkout's coupon lock. */
@Entity
@Table(name = "shop_order")
public class ShopOrder {

    @Id
    @Column(name = "id", length = 64)
    private String id;

    @Column(name = "total", length = 32, nullable = false)
    private String total;

    protected ShopOrder() {}

    ShopOrder(String id, String total) {
        this.id = id;
        this.total = total;
    }
}

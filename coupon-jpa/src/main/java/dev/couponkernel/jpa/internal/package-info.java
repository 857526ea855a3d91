/** Transactions and shared writes of the JPA storage. Not part of the API. */
package dev.couponkernel.jpa.internal;

/** The in-memory reference implementation of the storage SPI. */
package dev.couponkernel.core.storage;

/**
 * The usage ledger's rules, written once for every store: {@link dev.couponkernel.spi.ledger.LedgerRules}
 * decides locks, redeems, releases, expiries and limit changes over the rows a store read under its
 * locks ({@link dev.couponkernel.spi.ledger.LedgerState}), one command or a batch in arrival order,
 * and answers each command's outcome with the {@link dev.couponkernel.spi.ledger.LedgerChanges} the
 * store writes. A store only locks, reads and writes; see {@code docs/writing_a_store.md}.
 */
package dev.couponkernel.spi.ledger;

/** Implementation details of the JDBC storage. Not exported; free to change. */
package dev.couponkernel.jdbc.internal;

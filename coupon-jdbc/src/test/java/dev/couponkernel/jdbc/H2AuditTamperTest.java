package dev.couponkernel.jdbc;

import javax.sql.DataSource;

/** Tampering with the audit trail on H2 is detected. */
class H2AuditTamperTest extends AuditTamperChecks {

    @Override
    DataSource database() {
        return Databases.h2Memory();
    }
}

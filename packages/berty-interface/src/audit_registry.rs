//! Shared audit-registry types.

use cosmwasm_schema::cw_serde;

/// An auditor's verdict on a candidate.
#[cw_serde]
#[derive(Copy, Eq, Hash)]
pub enum ReportStatus {
    Go,
    GoWithWarnings,
    NoGo,
}

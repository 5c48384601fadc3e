//! Shared council-vote types.

use cosmwasm_schema::cw_serde;

/// A council member's ballot.
#[cw_serde]
#[derive(Copy, Eq, Hash)]
pub enum Vote {
    Yes,
    No,
    Abstain,
}

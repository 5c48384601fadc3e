//! Each contract's entry points wrapped once for cw-multi-test.

use cosmwasm_std::Empty;
use cw_multi_test::{Contract, ContractWrapper};

pub fn membership() -> Box<dyn Contract<Empty>> {
    use berty_membership::contract::{execute, instantiate, migrate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

#[cfg(feature = "registry")]
pub fn audit_registry() -> Box<dyn Contract<Empty>> {
    use berty_audit_registry::contract::{execute, instantiate, migrate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

#[cfg(feature = "council")]
pub fn council_vote() -> Box<dyn Contract<Empty>> {
    use berty_council_vote::contract::{execute, instantiate, migrate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

#[cfg(feature = "release")]
pub fn release() -> Box<dyn Contract<Empty>> {
    use berty_release::contract::{execute, instantiate, migrate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

//! The migration checks every contract's tests make: a migration to its own code reports
//! the crate's version, and a cw2 record of another contract, or of a later version of
//! itself, is refused (`berty_interface::migrate`).

use berty_interface::migrate::MigrateError;
use cosmwasm_std::Addr;
use cw_multi_test::{App, AppResponse, Executor};
use serde::Serialize;

use crate::assert_error;

/// Migrates `contract` to `code` as `admin` and asserts that the reply names `version` (the
/// contract crate's, which only the test crate knows) as `to_version`.
#[track_caller]
pub fn assert_migrates(
    app: &mut App,
    admin: &Addr,
    contract: &Addr,
    code: u64,
    msg: &impl Serialize,
    version: &str,
) -> AppResponse {
    let res = app
        .migrate_contract(admin.clone(), contract.clone(), msg, code)
        .expect("migration");
    assert_eq!(
        crate::attribute(&res, "to_version").as_deref(),
        Some(version)
    );
    res
}

/// Overwrites `contract`'s cw2 record (the JSON cw2 keeps under `contract_info`, written
/// here without a cw2 dependency): as if the code stored were `name` at `version`.
pub fn set_stored_version(app: &mut App, contract: &Addr, name: &str, version: &str) {
    let record = serde_json::json!({ "contract": name, "version": version });
    app.contract_storage_mut(contract)
        .set(b"contract_info", record.to_string().as_bytes());
}

/// Asserts that migrating `contract` to `code` fails with `expected`.
#[track_caller]
pub fn assert_migrate_refused(
    app: &mut App,
    admin: &Addr,
    contract: &Addr,
    code: u64,
    msg: &impl Serialize,
    expected: MigrateError,
) {
    let err = app
        .migrate_contract(admin.clone(), contract.clone(), msg, code)
        .expect_err("migration should fail");
    assert_error(format!("{err:?}"), expected);
}

/// Stores a cw2 record of `other` (another contract's name) in `contract`, then one of
/// `name` (the contract's own) at 9.0.0, and asserts that each migration to `code` is
/// refused: the first as the wrong contract, the second as a downgrade from 9.0.0 to
/// `version`.
#[track_caller]
pub fn assert_refuses_others_and_downgrades(
    app: &mut App,
    admin: &Addr,
    contract: &Addr,
    code: u64,
    msg: &impl Serialize,
    (name, version): (&str, &str),
    other: &str,
) {
    set_stored_version(app, contract, other, "2.0.0");
    let wrong = MigrateError::WrongContract {
        contract: other.into(),
    };
    assert_migrate_refused(app, admin, contract, code, msg, wrong);
    set_stored_version(app, contract, name, "9.0.0");
    let downgrade = MigrateError::Downgrade {
        from: "9.0.0".into(),
        to: version.into(),
    };
    assert_migrate_refused(app, admin, contract, code, msg, downgrade);
}

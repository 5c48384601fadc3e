use berty_interface::audit_registry::MigrateMsg;
use berty_interface::migrate::MigrateError;
use berty_testing::assert_error;
use berty_testing::registry::{attribute, RegistrySuite};
use cw_multi_test::Executor;

#[test]
fn migrates_itself_and_refuses_downgrades() {
    let mut suite = RegistrySuite::whitelist().build();
    let (governance, contract, code) = (
        suite.governance.clone(),
        suite.contract.clone(),
        suite.code_id,
    );
    let res = suite
        .app
        .migrate_contract(governance.clone(), contract.clone(), &MigrateMsg {}, code)
        .unwrap();
    assert_eq!(attribute(&res, "action").as_deref(), Some("migrate"));
    assert_eq!(
        attribute(&res, "to_version").as_deref(),
        Some(env!("CARGO_PKG_VERSION"))
    );

    // a stored version from the future is a downgrade
    suite.app.contract_storage_mut(&contract).set(
        b"contract_info",
        br#"{"contract":"berty-audit-registry","version":"9.0.0"}"#,
    );
    let err = suite
        .app
        .migrate_contract(governance.clone(), contract.clone(), &MigrateMsg {}, code)
        .unwrap_err();
    assert_error(
        err,
        MigrateError::Downgrade {
            from: "9.0.0".into(),
            to: env!("CARGO_PKG_VERSION").into(),
        },
    );
    suite.app.contract_storage_mut(&contract).set(
        b"contract_info",
        br#"{"contract":"crates.io:cw4-group","version":"2.0.0"}"#,
    );
    let err = suite
        .app
        .migrate_contract(governance, contract, &MigrateMsg {}, code)
        .unwrap_err();
    assert_error(
        err,
        MigrateError::WrongContract {
            contract: "crates.io:cw4-group".into(),
        },
    );
}

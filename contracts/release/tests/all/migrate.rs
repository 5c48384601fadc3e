use berty_interface::migrate::MigrateError;
use berty_interface::release::MigrateMsg;
use berty_testing::{assert_error, contracts};
use cw_multi_test::Executor;

use crate::suite::{rid, Suite};

#[test]
fn migrates_itself_keeping_state_and_refuses_others_and_downgrades() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    suite.propose(&carol, &rid(1)).unwrap();
    // council-vote is the admin, as planned
    let admin = suite.council.clone();
    let code = suite.app.store_code(contracts::release());
    let res = suite
        .app
        .migrate_contract(admin.clone(), suite.release.clone(), &MigrateMsg {}, code)
        .unwrap();
    let wasm = res.events.iter().find(|e| e.ty == "wasm").unwrap();
    assert!(wasm
        .attributes
        .iter()
        .any(|a| a.key == "to_version" && a.value == env!("CARGO_PKG_VERSION")));
    assert_eq!(suite.release(&rid(1)).proposer, carol);

    let release = suite.release.clone();
    let mut stored_version = |name: &str, version: &str| {
        let mut store = suite.app.contract_storage_mut(&release);
        cw2::set_contract_version(store.as_mut(), name, version).unwrap();
    };
    stored_version("crates.io:cw3-flex-multisig", "2.0.0");
    let err = suite
        .app
        .migrate_contract(admin.clone(), release.clone(), &MigrateMsg {}, code)
        .unwrap_err();
    assert_error(
        err,
        MigrateError::WrongContract {
            contract: "crates.io:cw3-flex-multisig".into(),
        },
    );
    let mut stored_version = |name: &str, version: &str| {
        let mut store = suite.app.contract_storage_mut(&release);
        cw2::set_contract_version(store.as_mut(), name, version).unwrap();
    };
    stored_version("berty-release", "9.0.0");
    let err = suite
        .app
        .migrate_contract(admin, release, &MigrateMsg {}, code)
        .unwrap_err();
    assert_error(
        err,
        MigrateError::Downgrade {
            from: "9.0.0".into(),
            to: env!("CARGO_PKG_VERSION").into(),
        },
    );
}

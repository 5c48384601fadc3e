use berty_interface::audit_registry::MigrateMsg;
use berty_testing::migration::{assert_migrates, assert_refuses_others_and_downgrades};
use berty_testing::registry::{attribute, RegistrySuite};

#[test]
fn migrates_itself_and_refuses_downgrades() {
    let mut suite = RegistrySuite::whitelist().build();
    let (governance, contract, code) = (
        suite.governance.clone(),
        suite.contract.clone(),
        suite.code_id,
    );
    let version = env!("CARGO_PKG_VERSION");
    let res = assert_migrates(
        &mut suite.app,
        &governance,
        &contract,
        code,
        &MigrateMsg {},
        version,
    );
    assert_eq!(attribute(&res, "action").as_deref(), Some("migrate"));

    assert_refuses_others_and_downgrades(
        &mut suite.app,
        &governance,
        &contract,
        code,
        &MigrateMsg {},
        ("berty-audit-registry", version),
        "crates.io:cw4-group",
    );
}

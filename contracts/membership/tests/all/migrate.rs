use berty_interface::membership::{InstantiateMsg, MigrateMsg};
use berty_testing::contracts;
use berty_testing::membership::{member, ACTIVIST, TECHNOLOGIST};
use berty_testing::migration::{assert_migrates, assert_refuses_others_and_downgrades};
use cw_multi_test::{App, Executor};

#[test]
fn migrates_itself_and_refuses_other_contracts() {
    let mut app = App::default();
    let admin = app.api().addr_make("admin");
    let code = app.store_code(contracts::membership());
    let msg = InstantiateMsg {
        owner: admin.to_string(),
        auditor_registrar: None,
        members: vec![
            member(&app.api().addr_make("alice"), ACTIVIST),
            member(&app.api().addr_make("bob"), TECHNOLOGIST),
        ],
    };
    let membership = app
        .instantiate_contract(code, admin.clone(), &msg, &[], "m", Some(admin.to_string()))
        .unwrap();
    let version = env!("CARGO_PKG_VERSION");
    assert_migrates(&mut app, &admin, &membership, code, &MigrateMsg {}, version);
    let stored = cw2::query_contract_info(&app.wrap(), membership.to_string()).unwrap();
    assert_eq!(stored.contract, "berty-membership");

    assert_refuses_others_and_downgrades(
        &mut app,
        &admin,
        &membership,
        code,
        &MigrateMsg {},
        ("berty-membership", version),
        "crates.io:cw4-group",
    );
}

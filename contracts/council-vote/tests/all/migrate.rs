use berty_interface::council_vote::MigrateMsg;
use berty_interface::membership;
use berty_interface::migrate::MigrateError;
use berty_testing::council::CouncilSuite;
use berty_testing::{assert_error, contracts};
use cw_multi_test::Executor;

#[test]
fn migrates_itself_and_refuses_other_contracts() {
    let mut suite = CouncilSuite::new();
    let (deployer, council) = (suite.deployer.clone(), suite.council.clone());
    let code = suite.app.contract_data(&council).unwrap().code_id;
    // council-vote is its own admin, as planned
    let res = suite
        .app
        .migrate_contract(council.clone(), council.clone(), &MigrateMsg {}, code)
        .unwrap();
    let wasm = res.events.iter().find(|e| e.ty == "wasm").unwrap();
    assert!(wasm
        .attributes
        .iter()
        .any(|a| a.key == "to_version" && a.value == env!("CARGO_PKG_VERSION")));
    let version = cw2::query_contract_info(&suite.app.wrap(), council.to_string()).unwrap();
    assert_eq!(version.contract, "berty-council-vote");

    // membership's storage is not council-vote's
    let membership_code = suite.app.store_code(contracts::membership());
    let other = suite
        .app
        .instantiate_contract(
            membership_code,
            deployer.clone(),
            &membership::InstantiateMsg {
                owner: deployer.to_string(),
                auditor_registrar: None,
                members: vec![
                    berty_testing::membership::member(
                        &deployer,
                        berty_testing::membership::ACTIVIST,
                    ),
                    berty_testing::membership::member(
                        &suite.app.api().addr_make("seat-t"),
                        berty_testing::membership::TECHNOLOGIST,
                    ),
                ],
            },
            &[],
            "m",
            Some(deployer.to_string()),
        )
        .unwrap();
    let err = suite
        .app
        .migrate_contract(deployer, other, &MigrateMsg {}, code)
        .unwrap_err();
    assert_error(
        format!("{err:?}"),
        MigrateError::WrongContract {
            contract: "berty-membership".into(),
        },
    );
}

use berty_interface::council_vote::MigrateMsg;
use berty_interface::migrate::MigrateError;
use berty_testing::council::CouncilSuite;
use berty_testing::migration::{assert_migrate_refused, assert_migrates};

#[test]
fn migrates_itself_and_refuses_other_contracts() {
    let mut suite = CouncilSuite::new();
    let (deployer, council) = (suite.deployer.clone(), suite.council.clone());
    let code = suite.app.contract_data(&council).unwrap().code_id;
    // council-vote is its own admin, as planned
    let version = env!("CARGO_PKG_VERSION");
    assert_migrates(
        &mut suite.app,
        &council,
        &council,
        code,
        &MigrateMsg {},
        version,
    );
    let stored = cw2::query_contract_info(&suite.app.wrap(), council.to_string()).unwrap();
    assert_eq!(stored.contract, "berty-council-vote");

    // membership's storage is not council-vote's
    let other = suite.instantiate_foreign_membership("m", Some(&deployer));
    let wrong = MigrateError::WrongContract {
        contract: "berty-membership".into(),
    };
    assert_migrate_refused(
        &mut suite.app,
        &deployer,
        &other,
        code,
        &MigrateMsg {},
        wrong,
    );
}

use berty_interface::release::MigrateMsg;
use berty_testing::contracts;
use berty_testing::migration::{assert_migrates, assert_refuses_others_and_downgrades};

use crate::suite::{rid, Suite};

#[test]
fn migrates_itself_keeping_state_and_refuses_others_and_downgrades() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    suite.propose(&carol, &rid(1)).unwrap();
    // council-vote is the admin, as planned
    let (admin, release) = (suite.council.clone(), suite.release.clone());
    let code = suite.app.store_code(contracts::release());
    let version = env!("CARGO_PKG_VERSION");
    assert_migrates(
        &mut suite.app,
        &admin,
        &release,
        code,
        &MigrateMsg {},
        version,
    );
    assert_eq!(suite.release(&rid(1)).proposer, carol);

    assert_refuses_others_and_downgrades(
        &mut suite.app,
        &admin,
        &release,
        code,
        &MigrateMsg {},
        ("berty-release", version),
        "crates.io:cw3-flex-multisig",
    );
}

use berty_council_vote::ContractError;
use berty_interface::council_vote::{CollegeRules, InstantiateMsg, Rules};
use berty_interface::keys::next_proposal_id;
use berty_testing::assert_error;
use berty_testing::council::CouncilSuite;
use cosmwasm_std::Decimal;
use cw_multi_test::{App, Executor};

#[test]
fn spec_defaults_and_the_first_id() {
    let suite = CouncilSuite::new();
    let rules = suite.rules();
    assert_eq!(rules.rules, rules.governance_rules);
    let r = rules.rules;
    assert_eq!((r.voting_period, r.allow_revoting), (7 * 24 * 3600, false));
    for college in [r.activists, r.technologists] {
        assert_eq!(college.quorum.to_string(), "0.666666666666666666");
        assert_eq!(college.threshold.to_string(), "0.5");
    }
    assert_eq!(
        next_proposal_id(&suite.app.wrap(), &suite.council).unwrap(),
        1
    );
    // stored, not only defaulted: a raw read finds the key
    let raw = suite
        .app
        .wrap()
        .query_wasm_raw(suite.council.clone(), b"next_proposal_id".to_vec())
        .unwrap();
    assert_eq!(raw, Some(b"1".to_vec()));
    let version = cw2::query_contract_info(&suite.app.wrap(), suite.council.to_string()).unwrap();
    assert_eq!(
        (version.contract.as_str(), version.version.as_str()),
        ("berty-council-vote", env!("CARGO_PKG_VERSION"))
    );
}

/// A well-formed instantiate message (its peers need not exist: instantiate only checks
/// their addresses) and a function instantiating a message on a fresh chain as the
/// deployer, failing with the error's text.
pub fn instantiator() -> (
    InstantiateMsg,
    impl FnMut(&InstantiateMsg) -> Result<(), String>,
) {
    let mut app = App::default();
    let deployer = app.api().addr_make("deployer");
    let code = app.store_code(berty_testing::contracts::council_vote());
    let good = InstantiateMsg {
        membership: app.api().addr_make("membership").to_string(),
        release: app.api().addr_make("release").to_string(),
        rules: Rules::default(),
        governance_rules: None,
    };
    let instantiate = move |msg: &InstantiateMsg| {
        app.instantiate_contract(code, deployer.clone(), msg, &[], "c", None)
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    (good, instantiate)
}

#[test]
fn instantiate_validates_addresses_and_rules() {
    let (good, mut instantiate) = instantiator();
    let bad_addr = InstantiateMsg {
        release: "release".into(),
        ..good.clone()
    };
    let err = instantiate(&bad_addr).unwrap_err();
    assert!(err.contains("invalid address \"release\""), "{err}");
    let bad_rules = InstantiateMsg {
        governance_rules: Some(Rules {
            activists: CollegeRules {
                quorum: Decimal::percent(150),
                threshold: Decimal::percent(50),
            },
            ..Rules::default()
        }),
        ..good.clone()
    };
    assert_error(
        instantiate(&bad_rules).unwrap_err(),
        ContractError::InvalidRules {
            field: "governance_rules.activists.quorum",
            reason: "must be above 0 and at most 1",
        },
    );
    instantiate(&good).unwrap();
}

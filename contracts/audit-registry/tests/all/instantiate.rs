use berty_audit_registry::ContractError;
use berty_interface::audit_registry::{DisputesMsg, InstantiateMsg, StakingConfig};
use berty_testing::registry::{staking_config, RegistrySuite, DENOM, MIN_BOND};
use berty_testing::{assert_error, contracts};
use cosmwasm_std::{coin, Decimal, Uint128};
use cw_multi_test::{App, Executor};

fn disputes(app: &App) -> DisputesMsg {
    DisputesMsg {
        challenge_bond: Uint128::new(100),
        appeal_window: 60,
        court: None,
        slash_recipient: app.api().addr_make("treasury").to_string(),
        challenger_reward: Decimal::percent(10),
    }
}

fn msg(app: &App, staking: Option<StakingConfig>, disputes: Option<DisputesMsg>) -> InstantiateMsg {
    InstantiateMsg {
        membership: app.api().addr_make("membership").to_string(),
        release: app.api().addr_make("release").to_string(),
        governance: app.api().addr_make("governance").to_string(),
        staking,
        disputes,
    }
}

fn instantiate_err(app: &mut App, msg: &InstantiateMsg) -> String {
    let code = app.store_code(contracts::audit_registry());
    let sender = app.api().addr_make("deployer");
    app.instantiate_contract(code, sender, msg, &[], "r", None)
        .expect_err("instantiate should fail")
        .to_string()
}

#[test]
fn whitelist_and_staked_configs_are_answered() {
    let suite = RegistrySuite::whitelist().build();
    let config = suite.config();
    assert_eq!(config.governance, suite.governance);
    assert_eq!(config.membership, suite.membership);
    assert_eq!(config.release, suite.release);
    assert_eq!((config.staking, config.disputes), (None, None));
    assert_eq!(config.pending_governance, None);

    let suite = RegistrySuite::staked().build();
    let config = suite.config();
    assert_eq!(config.staking, Some(staking_config()));
    let disputes = config.disputes.unwrap();
    assert_eq!(disputes.court, Some(suite.court.clone()));
    assert_eq!(disputes.slash_recipient, suite.slash_recipient);
    let version = cw2::query_contract_info(&suite.app.wrap(), suite.contract.to_string()).unwrap();
    assert_eq!(version.contract, "berty-audit-registry");
}

#[test]
fn config_errors_name_the_field() {
    let mut app = App::default();
    let zero_min = StakingConfig {
        min_bond: Uint128::zero(),
        ..staking_config()
    };
    let bad_denom = StakingConfig {
        denom: "1x".into(),
        ..staking_config()
    };
    let zero_bond = DisputesMsg {
        challenge_bond: Uint128::zero(),
        ..disputes(&app)
    };
    let greedy = DisputesMsg {
        challenger_reward: Decimal::percent(101),
        ..disputes(&app)
    };
    let bad_court = DisputesMsg {
        court: Some("court".into()),
        ..disputes(&app)
    };
    let cases: Vec<(InstantiateMsg, ContractError)> = vec![
        (
            msg(&app, None, Some(disputes(&app))),
            ContractError::DisputesNeedStaking,
        ),
        (
            msg(&app, Some(zero_min), None),
            ContractError::ZeroAmount { field: "min_bond" },
        ),
        (
            msg(&app, Some(bad_denom), None),
            ContractError::InvalidDenom { denom: "1x".into() },
        ),
        (
            msg(&app, Some(staking_config()), Some(zero_bond)),
            ContractError::ZeroAmount {
                field: "challenge_bond",
            },
        ),
        (
            msg(&app, Some(staking_config()), Some(greedy)),
            ContractError::ChallengerRewardAboveOne {
                reward: Decimal::percent(101),
            },
        ),
    ];
    for (msg, expected) in cases {
        assert_error(instantiate_err(&mut app, &msg), expected);
    }
    let with_bad_court = msg(&app, Some(staking_config()), Some(bad_court));
    let err = instantiate_err(&mut app, &with_bad_court);
    assert!(err.contains("invalid address \"court\""), "{err}");
    let mut bad_governance = msg(&app, None, None);
    bad_governance.governance = "gov".into();
    let err = instantiate_err(&mut app, &bad_governance);
    assert!(err.contains("invalid address \"gov\""), "{err}");
    // a full reward is allowed
    let generous = DisputesMsg {
        challenger_reward: Decimal::one(),
        ..disputes(&app)
    };
    let code = app.store_code(contracts::audit_registry());
    let deployer = app.api().addr_make("deployer");
    app.instantiate_contract(
        code,
        deployer,
        &msg(&app, Some(staking_config()), Some(generous)),
        &[],
        "r",
        None,
    )
    .unwrap();
}

#[test]
fn instantiate_rejects_funds() {
    let mut app = App::default();
    let deployer = app.api().addr_make("deployer");
    berty_testing::set_balance(&mut app, &deployer, &[coin(MIN_BOND, DENOM)]);
    let code = app.store_code(contracts::audit_registry());
    let err = app
        .instantiate_contract(
            code,
            deployer,
            &msg(&app, None, None),
            &[coin(1, DENOM)],
            "r",
            None,
        )
        .unwrap_err();
    assert_error(err, cw_utils::PaymentError::NonPayable {});
}

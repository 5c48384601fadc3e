use berty_audit_registry::ContractError;
use berty_interface::audit_registry::UpdateRegistryConfigMsg;
use berty_interface::audit_registry::{DisputesMsg, ExecuteMsg, StakingConfig};
use berty_testing::assert_error;
use berty_testing::registry::{attribute, staking_config, RegistrySuite, DENOM};
use cosmwasm_std::{coin, Decimal, Uint128};
use cw_utils::PaymentError;

fn update(
    membership: Option<String>,
    staking: Option<StakingConfig>,
    disputes: Option<DisputesMsg>,
) -> ExecuteMsg {
    ExecuteMsg::UpdateConfig(UpdateRegistryConfigMsg {
        membership,
        release: None,
        staking,
        disputes,
    })
}

fn disputes(suite: &RegistrySuite) -> DisputesMsg {
    DisputesMsg {
        challenge_bond: Uint128::new(7),
        appeal_window: 10,
        court: None,
        slash_recipient: suite.addr("dao").to_string(),
        challenger_reward: Decimal::percent(50),
    }
}

#[test]
fn governance_updates_config() {
    let mut suite = RegistrySuite::staked().build();
    let new_membership = suite.addr("membership2");
    let staking = StakingConfig {
        min_bond: Uint128::new(5),
        unbonding_period: 1,
        ..staking_config()
    };
    let res = suite
        .update_config(update(
            Some(new_membership.to_string()),
            Some(staking.clone()),
            Some(disputes(&suite)),
        ))
        .unwrap();
    assert_eq!(attribute(&res, "action").as_deref(), Some("update_config"));
    let config = suite.config();
    assert_eq!(config.membership, new_membership);
    assert_eq!(config.release, suite.release);
    assert_eq!(config.staking, Some(staking));
    let d = config.disputes.unwrap();
    assert_eq!(
        (d.challenge_bond, d.court, d.slash_recipient),
        (Uint128::new(7), None, suite.addr("dao"))
    );
    // absent fields keep their value
    suite.update_config(update(None, None, None)).unwrap();
    assert_eq!(suite.config().membership, new_membership);
}

#[test]
fn update_config_errors() {
    let mut suite = RegistrySuite::staked().build();
    let zed = suite.addr("zed");
    assert_error(
        suite.execute_err(&zed, &update(None, None, None), &[]),
        ContractError::Unauthorized {
            sender: zed,
            required: "the governance",
        },
    );
    let governance = suite.governance.clone();
    suite.fund(&governance, 1);
    assert_error(
        suite.execute_err(&governance, &update(None, None, None), &[coin(1, DENOM)]),
        PaymentError::NonPayable {},
    );
    let other_denom = StakingConfig {
        denom: "uatom".into(),
        ..staking_config()
    };
    assert_error(
        suite
            .update_config(update(None, Some(other_denom), None))
            .unwrap_err(),
        ContractError::DenomChange {
            from: DENOM.into(),
            to: "uatom".into(),
        },
    );
    let zero = StakingConfig {
        min_bond: Uint128::zero(),
        ..staking_config()
    };
    assert_error(
        suite
            .update_config(update(None, Some(zero), None))
            .unwrap_err(),
        ContractError::ZeroAmount { field: "min_bond" },
    );
    let bad = DisputesMsg {
        challenger_reward: Decimal::percent(200),
        ..disputes(&suite)
    };
    assert_error(
        suite
            .update_config(update(None, None, Some(bad)))
            .unwrap_err(),
        ContractError::ChallengerRewardAboveOne {
            reward: Decimal::percent(200),
        },
    );
    let err = suite
        .update_config(update(Some("nope".into()), None, None))
        .unwrap_err();
    assert!(
        err.to_string().contains("invalid address \"nope\""),
        "{err}"
    );

    let mut suite = RegistrySuite::whitelist().build();
    assert_error(
        suite
            .update_config(update(None, Some(staking_config()), None))
            .unwrap_err(),
        ContractError::ModeChange,
    );
    let d = disputes(&suite);
    assert_error(
        suite
            .update_config(update(None, None, Some(d)))
            .unwrap_err(),
        ContractError::DisputesNeedStaking,
    );
}

#[test]
fn governance_moves_in_two_steps() {
    let mut suite = RegistrySuite::whitelist().build();
    let (next, zed) = (suite.addr("next"), suite.addr("zed"));
    let transfer = ExecuteMsg::TransferOwnership {
        new_owner: next.to_string(),
    };
    assert_error(
        suite.execute_err(&zed, &transfer, &[]),
        ContractError::Unauthorized {
            sender: zed.clone(),
            required: "the governance",
        },
    );
    let accept = ExecuteMsg::AcceptOwnership {};
    assert_error(
        suite.execute_err(&next, &accept, &[]),
        ContractError::Unauthorized {
            sender: next.clone(),
            required: "the pending governance",
        },
    );
    suite.update_config(transfer).unwrap();
    assert_eq!(suite.config().pending_governance, Some(next.clone()));
    assert_eq!(suite.config().governance, suite.governance);
    assert_error(
        suite.execute_err(&zed, &accept, &[]),
        ContractError::Unauthorized {
            sender: zed,
            required: "the pending governance",
        },
    );
    suite.execute(&next, &accept, &[]).unwrap();
    let config = suite.config();
    assert_eq!(
        (config.governance, config.pending_governance),
        (next.clone(), None)
    );
    // the old governance has no say any more
    assert!(suite.update_config(update(None, None, None)).is_err());
    suite
        .execute(&next, &update(None, None, None), &[])
        .unwrap();
}

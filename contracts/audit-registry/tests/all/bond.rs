use berty_audit_registry::state::MAX_CLAIMS;
use berty_audit_registry::ContractError;
use berty_interface::audit_registry::{ExecuteMsg, UnbondingClaim};
use berty_interface::Role;
use berty_testing::assert_error;
use berty_testing::registry::{
    attribute, contracts_run, RegistrySuite, DENOM, MIN_BOND, UNBONDING_PERIOD,
};
use cosmwasm_std::{coin, Uint128};
use cw_utils::PaymentError;

#[test]
fn bonding_min_bond_grants_the_auditor_role() {
    let mut suite = RegistrySuite::staked().build();
    let sam = suite.addr("sam");
    let res = suite.bond(&sam, MIN_BOND - 1).unwrap();
    assert_eq!(attribute(&res, "action").as_deref(), Some("bond"));
    assert_eq!(attribute(&res, "auditor").as_deref(), Some(sam.as_str()));
    assert_eq!(suite.role(&sam), None);
    assert!(!suite.stake(&sam).active);
    let res = suite.bond(&sam, 1).unwrap();
    assert_eq!(
        contracts_run(&res),
        vec![suite.contract.clone(), suite.membership.clone()]
    );
    assert_eq!(suite.role(&sam), Some(Role::Auditor));
    let stake = suite.stake(&sam);
    assert_eq!(stake.bonded, Uint128::new(MIN_BOND));
    assert!(stake.active && !stake.locked && stake.unbonding.is_empty());
    assert_eq!(suite.registry_balance(), MIN_BOND);
    // more bond: no second grant, membership's log does not move
    let res = suite.bond(&sam, 5).unwrap();
    assert_eq!(contracts_run(&res), vec![suite.contract.clone()]);
    assert_eq!(suite.stake(&sam).bonded, Uint128::new(MIN_BOND + 5));
}

#[test]
fn unbonding_below_min_bond_revokes_and_claims_mature() {
    let mut suite = RegistrySuite::staked().build();
    let sam = suite.addr("sam");
    suite.bond(&sam, MIN_BOND + 10).unwrap();
    suite.unbond(&sam, 10).unwrap();
    assert_eq!(suite.role(&sam), Some(Role::Auditor));
    let start = suite.now();
    let res = suite.unbond(&sam, 1).unwrap();
    assert_eq!(attribute(&res, "bonded").as_deref(), Some("999"));
    assert_eq!(suite.role(&sam), None);
    let stake = suite.stake(&sam);
    assert!(!stake.active);
    assert_eq!(
        stake.unbonding,
        vec![
            UnbondingClaim {
                amount: Uint128::new(10),
                release_at: start.plus_seconds(UNBONDING_PERIOD)
            },
            UnbondingClaim {
                amount: Uint128::new(1),
                release_at: start.plus_seconds(UNBONDING_PERIOD)
            }
        ]
    );
    // not yet matured: one second short
    suite.advance(UNBONDING_PERIOD - 1);
    assert_error(
        suite.claim(&sam).unwrap_err(),
        ContractError::NothingToClaim {
            auditor: sam.clone(),
        },
    );
    suite.advance(1);
    let res = suite.claim(&sam).unwrap();
    assert_eq!(attribute(&res, "amount").as_deref(), Some("11"));
    assert_eq!(suite.balance(&sam), 11);
    assert_eq!(suite.registry_balance(), MIN_BOND - 1);
    assert!(suite.stake(&sam).unbonding.is_empty());
    assert_error(
        suite.claim(&sam).unwrap_err(),
        ContractError::NothingToClaim { auditor: sam },
    );
}

#[test]
fn claim_pays_only_matured_claims() {
    let mut suite = RegistrySuite::staked().build();
    let sam = suite.addr("sam");
    suite.bond(&sam, 100).unwrap();
    suite.unbond(&sam, 30).unwrap();
    suite.advance(UNBONDING_PERIOD / 2);
    suite.unbond(&sam, 20).unwrap();
    suite.advance(UNBONDING_PERIOD / 2);
    suite.claim(&sam).unwrap();
    assert_eq!(suite.balance(&sam), 30);
    let stake = suite.stake(&sam);
    assert_eq!(stake.unbonding.len(), 1);
    assert_eq!(stake.unbonding[0].amount, Uint128::new(20));
    assert_eq!(stake.bonded, Uint128::new(50));
}

#[test]
fn bond_payment_errors() {
    let mut suite = RegistrySuite::staked().build();
    let sam = suite.addr("sam");
    suite.fund(&sam, 10);
    suite
        .app
        .sudo(cw_multi_test::SudoMsg::Bank(
            cw_multi_test::BankSudo::Mint {
                to_address: sam.to_string(),
                amount: vec![coin(10, "uatom")],
            },
        ))
        .unwrap();
    let bond = ExecuteMsg::Bond {};
    assert_error(
        suite.execute_err(&sam, &bond, &[]),
        PaymentError::NoFunds {},
    );
    assert_error(
        suite.execute_err(&sam, &bond, &[coin(10, "uatom")]),
        PaymentError::MissingDenom(DENOM.into()),
    );
    assert_error(
        suite.execute_err(&sam, &bond, &[coin(5, "uatom"), coin(5, DENOM)]),
        PaymentError::MultipleDenoms {},
    );
    assert_eq!(suite.registry_balance(), 0);
}

#[test]
fn another_role_cannot_bond() {
    let mut suite = RegistrySuite::staked()
        .with_member("carl", Role::CoreTeamRep)
        .build();
    let carl = suite.addr("carl");
    assert_error(
        suite.bond(&carl, MIN_BOND).unwrap_err(),
        ContractError::RoleConflict {
            addr: carl.clone(),
            role: Role::CoreTeamRep,
        },
    );
    assert_eq!(suite.role(&carl), Some(Role::CoreTeamRep));
}

#[test]
fn unbond_errors() {
    let mut suite = RegistrySuite::staked().build();
    let sam = suite.addr("sam");
    suite.bond(&sam, 50).unwrap();
    assert_error(
        suite.unbond(&sam, 0).unwrap_err(),
        ContractError::ZeroAmount { field: "amount" },
    );
    assert_error(
        suite.unbond(&sam, 51).unwrap_err(),
        ContractError::InsufficientBond {
            auditor: sam.clone(),
            bonded: Uint128::new(50),
            requested: Uint128::new(51),
        },
    );
    let nobody = suite.addr("nobody");
    assert_error(
        suite.unbond(&nobody, 1).unwrap_err(),
        ContractError::InsufficientBond {
            auditor: nobody,
            bonded: Uint128::zero(),
            requested: Uint128::new(1),
        },
    );
    suite.fund(&sam, 1);
    let msg = ExecuteMsg::Unbond {
        amount: Uint128::new(1),
    };
    assert_error(
        suite.execute_err(&sam, &msg, &[coin(1, DENOM)]),
        PaymentError::NonPayable {},
    );
    assert_error(
        suite.execute_err(&sam, &ExecuteMsg::Claim {}, &[coin(1, DENOM)]),
        PaymentError::NonPayable {},
    );
}

#[test]
fn claims_per_auditor_are_bounded() {
    let mut suite = RegistrySuite::staked().build();
    let sam = suite.addr("sam");
    suite.bond(&sam, 100).unwrap();
    for _ in 0..MAX_CLAIMS {
        suite.unbond(&sam, 1).unwrap();
    }
    assert_error(
        suite.unbond(&sam, 1).unwrap_err(),
        ContractError::TooManyClaims {
            auditor: sam.clone(),
            max: MAX_CLAIMS,
        },
    );
    suite.advance(UNBONDING_PERIOD);
    suite.claim(&sam).unwrap();
    suite.unbond(&sam, 1).unwrap();
}

#[test]
fn whitelist_mode_has_no_bonds() {
    let mut suite = RegistrySuite::whitelist().build();
    let sam = suite.addr("sam");
    assert_error(
        suite.bond(&sam, 10).unwrap_err(),
        ContractError::NotStakedMode,
    );
    assert_error(
        suite.unbond(&sam, 10).unwrap_err(),
        ContractError::NotStakedMode,
    );
    assert_error(suite.claim(&sam).unwrap_err(), ContractError::NotStakedMode);
    let stake = suite.stake(&sam);
    assert_eq!((stake.bonded, stake.active), (Uint128::zero(), false));
}

/// Issue 11, case 1: before, `bond {}` with 1 token re-granted the role governance took.
#[test]
fn a_removed_staked_auditor_cannot_bond_its_role_back() {
    let mut suite = RegistrySuite::staked().build();
    let sam = suite.addr("sam");
    suite.bond(&sam, MIN_BOND).unwrap();
    suite.set_members(&[], &[&sam]);
    assert!(!suite.stake(&sam).active);
    assert!(suite.member(&sam).barred);
    // bonding more still works, and grants nothing
    suite.bond(&sam, 1).unwrap();
    assert_eq!(suite.role(&sam), None);
    assert_eq!(suite.stake(&sam).bonded, Uint128::new(MIN_BOND + 1));
    // unbond and claim still work
    suite.unbond(&sam, MIN_BOND + 1).unwrap();
    suite.advance(UNBONDING_PERIOD);
    suite.claim(&sam).unwrap();
    suite.bond(&sam, MIN_BOND).unwrap();
    assert_eq!(suite.role(&sam), None);
    // governance adding it again lifts the bar; the bond then speaks again
    suite.set_members(&[(&sam, Role::Auditor)], &[]);
    assert!(!suite.member(&sam).barred);
    suite.set_members(&[], &[&sam]);
    assert_eq!(suite.role(&sam), None);
}

//! Who is an auditor, read raw from membership, and the registrar messages that keep the
//! auditor role in step with the bond (staked mode).

use berty_interface::audit_registry::StakingConfig;
use berty_interface::keys::MembershipReader;
use berty_interface::membership::ExecuteMsg as MembershipMsg;
use berty_interface::Role;
use cosmwasm_std::{to_json_binary, Addr, QuerierWrapper, StdResult, Storage, Uint128, WasmMsg};

use crate::error::ContractError;
use crate::state::{Config, Stake, STAKED_AUDITORS, STAKES};

/// The member's current role in membership: one raw read, no contract call.
pub fn current_role(
    querier: &QuerierWrapper,
    config: &Config,
    addr: &Addr,
) -> StdResult<Option<Role>> {
    let record = MembershipReader(config.membership.clone()).record(querier, addr)?;
    Ok(record.map(|record| record.role))
}

/// An official auditor now: holds the auditor role and, in staked mode, has at least
/// `min_bond` bonded. Only such auditors may report, and only their reports count.
pub fn is_active(role: Option<Role>, staking: Option<&StakingConfig>, bonded: Uint128) -> bool {
    role == Some(Role::Auditor) && staking.is_none_or(|staking| bonded >= staking.min_bond)
}

pub fn load_stake(store: &dyn Storage, auditor: &Addr) -> StdResult<Stake> {
    Ok(STAKES.may_load(store, auditor)?.unwrap_or_default())
}

/// Saves the stake, or removes it once nothing is left in it, and with it the address
/// from the staked auditors the gate walks (both go together, here only).
pub fn save_stake(store: &mut dyn Storage, auditor: &Addr, stake: &Stake) -> StdResult<()> {
    if *stake == Stake::default() {
        STAKES.remove(store, auditor);
        STAKED_AUDITORS.remove(store, auditor);
        Ok(())
    } else {
        STAKES.save(store, auditor, stake)
    }
}

fn registrar_msg(config: &Config, msg: &MembershipMsg) -> Result<WasmMsg, ContractError> {
    Ok(WasmMsg::Execute {
        contract_addr: config.membership.to_string(),
        msg: to_json_binary(msg)?,
        funds: vec![],
    })
}

/// After a bond: an address without a role whose bond is at least `min_bond` is granted
/// the auditor role, unless governance barred it (took its auditor role through
/// `update_members`): then the bond stays a bond, and membership is not asked (it would
/// refuse, and with it the bond).
pub fn grant_if_bonded(
    querier: &QuerierWrapper,
    config: &Config,
    staking: &StakingConfig,
    auditor: &Addr,
    role: Option<Role>,
    bond: Uint128,
) -> Result<Option<WasmMsg>, ContractError> {
    if role.is_some() || bond < staking.min_bond {
        return Ok(None);
    }
    if MembershipReader(config.membership.clone()).is_barred(querier, auditor)? {
        return Ok(None);
    }
    let grant = MembershipMsg::GrantAuditor {
        addr: auditor.to_string(),
    };
    registrar_msg(config, &grant).map(Some)
}

/// After an unbond or a slash: an auditor whose bond went down and is below `min_bond`
/// loses the role. This also syncs an auditor left under-bonded by a raised `min_bond`
/// (it was already below, so "fell from at least `min_bond`" would never revoke it); a
/// role governance granted to an address with nothing bonded is governance's to revoke.
pub fn revoke_if_unbonded(
    config: &Config,
    staking: &StakingConfig,
    auditor: &Addr,
    role: Option<Role>,
    old_bond: Uint128,
    new_bond: Uint128,
) -> Result<Option<WasmMsg>, ContractError> {
    let fell = new_bond < old_bond && new_bond < staking.min_bond;
    if role != Some(Role::Auditor) || !fell {
        return Ok(None);
    }
    let revoke = MembershipMsg::RevokeAuditor {
        addr: auditor.to_string(),
    };
    registrar_msg(config, &revoke).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::{MockApi, MockQuerier};
    use cosmwasm_std::{Empty, SystemResult, WasmQuery};

    fn staking(min_bond: u128) -> StakingConfig {
        StakingConfig {
            denom: "uberty".into(),
            min_bond: Uint128::new(min_bond),
            unbonding_period: 10,
        }
    }

    #[test]
    fn active_means_auditor_and_bonded_in_staked_mode() {
        let s = staking(100);
        let b = Uint128::new;
        assert!(is_active(Some(Role::Auditor), None, b(0)));
        assert!(!is_active(Some(Role::CoreTeamRep), None, b(0)));
        assert!(!is_active(None, None, b(0)));
        assert!(is_active(Some(Role::Auditor), Some(&s), b(100)));
        assert!(!is_active(Some(Role::Auditor), Some(&s), b(99)));
        assert!(!is_active(None, Some(&s), b(1000)));
    }

    #[test]
    fn role_follows_the_bond_across_min_bond() {
        let api = MockApi::default();
        let config = Config {
            membership: api.addr_make("membership"),
            release: api.addr_make("release"),
            governance: api.addr_make("gov"),
            pending_governance: None,
            staking: Some(staking(100)),
            disputes: None,
        };
        let s = staking(100);
        let a = api.addr_make("a");
        let b = Uint128::new;
        let kind = |msg: Option<WasmMsg>| {
            msg.map(|msg| match msg {
                WasmMsg::Execute {
                    msg, contract_addr, ..
                } => {
                    assert_eq!(contract_addr, config.membership.as_str());
                    match cosmwasm_std::from_json(msg).unwrap() {
                        MembershipMsg::GrantAuditor { addr } if addr == a.as_str() => "grant",
                        MembershipMsg::RevokeAuditor { addr } if addr == a.as_str() => "revoke",
                        _ => "other",
                    }
                }
                _ => "other",
            })
        };
        // membership answers every raw read with nothing: not barred
        let mut mock = MockQuerier::<Empty>::new(&[]);
        mock.update_wasm(|query| match query {
            WasmQuery::Raw { .. } => SystemResult::Ok(cosmwasm_std::ContractResult::Ok(
                cosmwasm_std::Binary::default(),
            )),
            _ => panic!("only raw reads"),
        });
        let querier = QuerierWrapper::<Empty>::new(&mock);
        let grant =
            |role, bond| kind(grant_if_bonded(&querier, &config, &s, &a, role, b(bond)).unwrap());
        let revoke = |role, old, new| {
            kind(revoke_if_unbonded(&config, &s, &a, role, b(old), b(new)).unwrap())
        };
        let auditor = Some(Role::Auditor);
        assert_eq!(grant(None, 100), Some("grant"));
        assert_eq!(grant(None, 99), None);
        assert_eq!(grant(auditor, 500), None);
        assert_eq!(grant(Some(Role::CoreTeamRep), 500), None);
        assert_eq!(revoke(auditor, 100, 99), Some("revoke"));
        assert_eq!(revoke(auditor, 200, 100), None);
        // below min_bond already (a raised min_bond): the next cut syncs the role
        assert_eq!(revoke(auditor, 50, 20), Some("revoke"));
        assert_eq!(revoke(auditor, 0, 0), None);
        assert_eq!(revoke(None, 100, 99), None);
    }
}

//! Bond, unbond and claim (staked mode). The registry keeps the claims itself because a
//! slash must cut them (cw-controllers' `Claims` cannot).

use berty_interface::Role;
use cosmwasm_std::{DepsMut, Env, MessageInfo, Response, Uint128};

use crate::auditor::{current_role, grant_if_bonded, load_stake, revoke_if_unbonded, save_stake};
use crate::error::ContractError;
use crate::funds::{paid, send};
use crate::state::{Claim, CONFIG, MAX_CLAIMS, STAKED_AUDITORS};

/// Payable in the staking denom. Anyone without another role may bond; reaching
/// `min_bond` grants the auditor role. An address that holds the auditor role after the
/// bond (kept or granted now) joins the staked auditors the gate walks.
pub fn bond(deps: DepsMut, info: MessageInfo) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    let staking = config.staking()?;
    let auditor = info.sender.clone();
    let role = current_role(&deps.querier, &config, &auditor)?;
    if let Some(role) = role.filter(|role| *role != Role::Auditor) {
        return Err(ContractError::RoleConflict {
            addr: auditor,
            role,
        });
    }
    let amount = paid(&info, &staking.denom)?;
    let mut stake = load_stake(deps.storage, &auditor)?;
    stake.bonded = stake.bonded.checked_add(amount)?;
    save_stake(deps.storage, &auditor, &stake)?;
    let grant = grant_if_bonded(
        &deps.querier,
        &config,
        staking,
        &auditor,
        role,
        stake.bonded,
    )?;
    // the gate walks it while it holds a stake, even once it lost the role: one read per
    // bond with the role, a write only the first time; a dust bond without it never enters
    if (grant.is_some() || role == Some(Role::Auditor))
        && !STAKED_AUDITORS.has(deps.storage, &auditor)
    {
        STAKED_AUDITORS.save(deps.storage, &auditor, &())?;
    }
    Ok(Response::new()
        .add_messages(grant)
        .add_attribute("action", "bond")
        .add_attribute("auditor", &auditor)
        .add_attribute("amount", amount)
        .add_attribute("bonded", stake.bonded))
}

/// Moves `amount` from the bond into a claim maturing after `unbonding_period`; the
/// claim stays slashable. Falling below `min_bond` revokes the auditor role.
pub fn unbond(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    let staking = config.staking()?;
    cw_utils::nonpayable(&info)?;
    let auditor = info.sender;
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount { field: "amount" });
    }
    let mut stake = load_stake(deps.storage, &auditor)?;
    if amount > stake.bonded {
        return Err(ContractError::InsufficientBond {
            auditor,
            bonded: stake.bonded,
            requested: amount,
        });
    }
    if stake.claims.len() >= MAX_CLAIMS {
        return Err(ContractError::TooManyClaims {
            auditor,
            max: MAX_CLAIMS,
        });
    }
    let old_bond = stake.bonded;
    stake.bonded = old_bond - amount;
    let release_at = env.block.time.plus_seconds(staking.unbonding_period);
    stake.claims.push(Claim { amount, release_at });
    save_stake(deps.storage, &auditor, &stake)?;
    let role = current_role(&deps.querier, &config, &auditor)?;
    let revoke = revoke_if_unbonded(&config, staking, &auditor, role, old_bond, stake.bonded)?;
    Ok(Response::new()
        .add_messages(revoke)
        .add_attribute("action", "unbond")
        .add_attribute("auditor", &auditor)
        .add_attribute("amount", amount)
        .add_attribute("bonded", stake.bonded)
        .add_attribute("release_at", release_at.to_string()))
}

/// Pays every matured claim, unless a challenge against the sender is pending.
pub fn claim(deps: DepsMut, env: Env, info: MessageInfo) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    let staking = config.staking()?;
    cw_utils::nonpayable(&info)?;
    let auditor = info.sender;
    let mut stake = load_stake(deps.storage, &auditor)?;
    if stake.pending_challenges > 0 {
        return Err(ContractError::ClaimsLocked {
            auditor,
            open: stake.pending_challenges,
        });
    }
    let now = env.block.time;
    let (matured, pending): (Vec<Claim>, Vec<Claim>) =
        stake.claims.into_iter().partition(|c| c.release_at <= now);
    let amount: Uint128 = matured.iter().map(|c| c.amount).sum();
    // slashes drop claims cut to zero, so a matured claim always pays something
    let payout =
        send(&auditor, amount, &staking.denom).ok_or_else(|| ContractError::NothingToClaim {
            auditor: auditor.clone(),
        })?;
    stake.claims = pending;
    save_stake(deps.storage, &auditor, &stake)?;
    Ok(Response::new()
        .add_message(payout)
        .add_attribute("action", "claim")
        .add_attribute("auditor", &auditor)
        .add_attribute("amount", amount))
}

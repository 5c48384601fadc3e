//! Configuration: checking it at instantiate and `update_config`, governance and its
//! two-step transfer.

use berty_interface::audit_registry::{
    DisputesConfig, DisputesMsg, StakingConfig, UpdateRegistryConfigMsg,
};
use berty_interface::ownership::{self, TwoStepOwned};
use berty_interface::validate::validate_addr;
use cosmwasm_std::{Addr, Api, Decimal, DepsMut, MessageInfo, Response, Storage};

use crate::error::ContractError;
use crate::msg::InstantiateMsg;
use crate::state::{Config, CONFIG};

impl Config {
    pub fn staking(&self) -> Result<&StakingConfig, ContractError> {
        self.staking.as_ref().ok_or(ContractError::NotStakedMode)
    }

    /// Staking and disputes, both required for a dispute message.
    pub fn disputes(&self) -> Result<(&StakingConfig, &DisputesConfig), ContractError> {
        let staking = self.staking()?;
        let disputes = self
            .disputes
            .as_ref()
            .ok_or(ContractError::DisputesDisabled)?;
        Ok((staking, disputes))
    }
}

/// The Cosmos SDK's denom rule: `[a-zA-Z][a-zA-Z0-9/:._-]{2,127}`.
pub fn validate_denom(denom: &str) -> Result<(), ContractError> {
    let mut chars = denom.chars();
    let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let ok = first_is_letter
        && (3..=128).contains(&denom.len())
        && chars.all(|c| c.is_ascii_alphanumeric() || "/:._-".contains(c));
    ok.then_some(()).ok_or_else(|| ContractError::InvalidDenom {
        denom: denom.to_string(),
    })
}

/// The longest `unbonding_period` or `appeal_window`: 100 years of seconds. A deadline is
/// the block time plus the period in nanoseconds (`u64`), which a longer one could overflow.
pub const MAX_PERIOD: u64 = 100 * 365 * 86_400;

/// The shortest: one second. With zero an auditor could bond, report, unbond and claim in
/// one block, leaving nothing to slash, and an appeal window would close as it opens.
pub const MIN_PERIOD: u64 = 1;

fn validate_period(field: &'static str, seconds: u64) -> Result<(), ContractError> {
    if seconds < MIN_PERIOD {
        return Err(ContractError::PeriodTooShort {
            field,
            seconds,
            min: MIN_PERIOD,
        });
    }
    if seconds > MAX_PERIOD {
        return Err(ContractError::PeriodTooLong {
            field,
            seconds,
            max: MAX_PERIOD,
        });
    }
    Ok(())
}

fn validate_staking(staking: &StakingConfig) -> Result<(), ContractError> {
    validate_denom(&staking.denom)?;
    validate_period("unbonding_period", staking.unbonding_period)?;
    if staking.min_bond.is_zero() {
        return Err(ContractError::ZeroAmount { field: "min_bond" });
    }
    Ok(())
}

fn check_disputes(api: &dyn Api, disputes: DisputesMsg) -> Result<DisputesConfig, ContractError> {
    let DisputesMsg {
        challenge_bond,
        appeal_window,
        court,
        slash_recipient,
        challenger_reward,
    } = disputes;
    if challenge_bond.is_zero() {
        return Err(ContractError::ZeroAmount {
            field: "challenge_bond",
        });
    }
    validate_period("appeal_window", appeal_window)?;
    if challenger_reward > Decimal::one() {
        return Err(ContractError::ChallengerRewardAboveOne {
            reward: challenger_reward,
        });
    }
    Ok(DisputesConfig {
        challenge_bond,
        appeal_window,
        court: court.map(|c| validate_addr(api, &c)).transpose()?,
        slash_recipient: validate_addr(api, &slash_recipient)?,
        challenger_reward,
    })
}

pub fn check_instantiate(api: &dyn Api, msg: InstantiateMsg) -> Result<Config, ContractError> {
    let InstantiateMsg {
        membership,
        release,
        governance,
        staking,
        disputes,
    } = msg;
    if let Some(staking) = &staking {
        validate_staking(staking)?;
    }
    let disputes = match disputes {
        Some(_) if staking.is_none() => return Err(ContractError::DisputesNeedStaking),
        Some(disputes) => Some(check_disputes(api, disputes)?),
        None => None,
    };
    Ok(Config {
        membership: validate_addr(api, &membership)?,
        release: validate_addr(api, &release)?,
        governance: validate_addr(api, &governance)?,
        pending_governance: None,
        staking,
        disputes,
    })
}

/// Governance: peers, staking parameters and disputes. The mode (whitelist or staked) and
/// the staking denom are fixed at instantiation: switching either would strand bonds.
pub fn update_config(
    deps: DepsMut,
    info: MessageInfo,
    update: UpdateRegistryConfigMsg,
) -> Result<Response, ContractError> {
    let mut config = assert_governance(deps.storage, &info.sender)?;
    cw_utils::nonpayable(&info)?;
    let UpdateRegistryConfigMsg {
        membership,
        release,
        staking,
        disputes,
    } = update;
    if let Some(membership) = membership {
        config.membership = validate_addr(deps.api, &membership)?;
    }
    if let Some(release) = release {
        config.release = validate_addr(deps.api, &release)?;
    }
    if let Some(staking) = staking {
        let current = config.staking.as_ref().ok_or(ContractError::ModeChange)?;
        if current.denom != staking.denom {
            return Err(ContractError::DenomChange {
                from: current.denom.clone(),
                to: staking.denom,
            });
        }
        validate_staking(&staking)?;
        config.staking = Some(staking);
    }
    if let Some(disputes) = disputes {
        if config.staking.is_none() {
            return Err(ContractError::DisputesNeedStaking);
        }
        config.disputes = Some(check_disputes(deps.api, disputes)?);
    }
    CONFIG.save(deps.storage, &config)?;
    Ok(Response::new().add_attribute("action", "update_config"))
}

impl TwoStepOwned for Config {
    const OWNER: &'static str = "governance";
    const PENDING: &'static str = "pending_governance";

    fn owner(&self) -> &Addr {
        &self.governance
    }
    fn pending(&self) -> Option<&Addr> {
        self.pending_governance.as_ref()
    }
    fn set_owner(&mut self, owner: Addr) {
        self.governance = owner;
    }
    fn set_pending(&mut self, pending: Option<Addr>) {
        self.pending_governance = pending;
    }
}

pub fn assert_governance(store: &dyn Storage, sender: &Addr) -> Result<Config, ContractError> {
    Ok(ownership::assert_owner(
        &CONFIG,
        store,
        sender,
        "the governance",
    )?)
}

pub fn transfer_ownership(
    deps: DepsMut,
    info: MessageInfo,
    new_owner: String,
) -> Result<Response, ContractError> {
    let response = ownership::transfer_ownership(
        &CONFIG,
        deps.storage,
        deps.api,
        &info,
        &new_owner,
        "the governance",
    )?;
    Ok(response)
}

pub fn accept_ownership(deps: DepsMut, info: MessageInfo) -> Result<Response, ContractError> {
    let response =
        ownership::accept_ownership(&CONFIG, deps.storage, &info, "the pending governance")?;
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_one_second_to_a_hundred_years() {
        for ok in [MIN_PERIOD, 86_400, MAX_PERIOD] {
            assert!(validate_period("appeal_window", ok).is_ok(), "{ok}");
        }
        assert!(matches!(
            validate_period("unbonding_period", 0),
            Err(ContractError::PeriodTooShort {
                field: "unbonding_period",
                seconds: 0,
                min: 1
            })
        ));
        assert!(matches!(
            validate_period("appeal_window", MAX_PERIOD + 1),
            Err(ContractError::PeriodTooLong { field: "appeal_window", seconds, max: MAX_PERIOD })
                if seconds == MAX_PERIOD + 1
        ));
    }

    #[test]
    fn denoms_follow_the_sdk_rule() {
        for ok in [
            "uberty",
            "ibc/27394FB092D2ECCD",
            "factory/addr/sub.1",
            "abc",
        ] {
            assert!(validate_denom(ok).is_ok(), "{ok}");
        }
        let long = format!("u{}", "a".repeat(128));
        for bad in ["", "ab", "1abc", "u berty", "uberty!", long.as_str()] {
            assert!(
                matches!(validate_denom(bad), Err(ContractError::InvalidDenom { denom }) if denom == bad),
                "{bad}"
            );
        }
    }
}

//! The owner (the DAO's governance), its two-step transfer, and the auditor registrar.

use cosmwasm_std::{Addr, DepsMut, MessageInfo, Response, Storage};

use crate::error::ContractError;
use crate::members::validate_addr;
use crate::state::CONFIG;

pub fn assert_owner(store: &dyn Storage, sender: &Addr) -> Result<(), ContractError> {
    if CONFIG.load(store)?.owner != *sender {
        return Err(ContractError::Unauthorized {
            sender: sender.clone(),
            required: "the owner",
        });
    }
    Ok(())
}

pub fn assert_registrar(store: &dyn Storage, sender: &Addr) -> Result<(), ContractError> {
    if CONFIG.load(store)?.auditor_registrar.as_ref() != Some(sender) {
        return Err(ContractError::Unauthorized {
            sender: sender.clone(),
            required: "the auditor registrar",
        });
    }
    Ok(())
}

pub fn set_registrar(
    deps: DepsMut,
    info: MessageInfo,
    addr: String,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender)?;
    cw_utils::nonpayable(&info)?;
    let registrar = validate_addr(deps.api, &addr)?;
    CONFIG.update(deps.storage, |mut config| -> Result<_, ContractError> {
        config.auditor_registrar = Some(registrar.clone());
        Ok(config)
    })?;
    Ok(Response::new()
        .add_attribute("action", "set_registrar")
        .add_attribute("auditor_registrar", registrar))
}

/// Step one: the owner names its successor; a later call replaces the pending one.
pub fn transfer_ownership(
    deps: DepsMut,
    info: MessageInfo,
    new_owner: String,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender)?;
    cw_utils::nonpayable(&info)?;
    let pending = validate_addr(deps.api, &new_owner)?;
    CONFIG.update(deps.storage, |mut config| -> Result<_, ContractError> {
        config.pending_owner = Some(pending.clone());
        Ok(config)
    })?;
    Ok(Response::new()
        .add_attribute("action", "transfer_ownership")
        .add_attribute("pending_owner", pending))
}

/// Step two: the named successor takes over. Anyone else, also while no transfer is
/// pending, is unauthorized.
pub fn accept_ownership(deps: DepsMut, info: MessageInfo) -> Result<Response, ContractError> {
    let mut config = CONFIG.load(deps.storage)?;
    if config.pending_owner.as_ref() != Some(&info.sender) {
        return Err(ContractError::Unauthorized {
            sender: info.sender,
            required: "the pending owner",
        });
    }
    cw_utils::nonpayable(&info)?;
    config.owner = info.sender;
    config.pending_owner = None;
    CONFIG.save(deps.storage, &config)?;
    Ok(Response::new()
        .add_attribute("action", "accept_ownership")
        .add_attribute("owner", config.owner))
}

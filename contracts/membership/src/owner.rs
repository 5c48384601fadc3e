//! The owner (the DAO's governance), its two-step transfer (the interface's one helper),
//! and the auditor registrar.

use berty_interface::ownership::{self, TwoStepOwned};
use cosmwasm_std::{Addr, DepsMut, MessageInfo, Response, Storage};

use crate::error::ContractError;
use crate::state::{Config, CONFIG};
use berty_interface::validate::validate_addr;

impl TwoStepOwned for Config {
    const OWNER: &'static str = "owner";
    const PENDING: &'static str = "pending_owner";

    fn owner(&self) -> &Addr {
        &self.owner
    }
    fn pending(&self) -> Option<&Addr> {
        self.pending_owner.as_ref()
    }
    fn set_owner(&mut self, owner: Addr) {
        self.owner = owner;
    }
    fn set_pending(&mut self, pending: Option<Addr>) {
        self.pending_owner = pending;
    }
}

pub fn assert_owner(store: &dyn Storage, sender: &Addr) -> Result<(), ContractError> {
    ownership::assert_owner(&CONFIG, store, sender, "the owner")?;
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
        "the owner",
    )?;
    Ok(response)
}

pub fn accept_ownership(deps: DepsMut, info: MessageInfo) -> Result<Response, ContractError> {
    let response = ownership::accept_ownership(&CONFIG, deps.storage, &info, "the pending owner")?;
    Ok(response)
}

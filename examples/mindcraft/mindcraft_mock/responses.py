"""MindCraft's answers (moto's ``responses.py``): the one documented operation and the envelope.

The kernel has already checked the request against the spec (``model`` required,
``session_remark`` at most 1000 characters, ``history_length`` 0..20, the types): what is left
here is what JSON Schema cannot say and what the answer looks like. The facts come from the
merged spec, not from literals: the ``x-max-json-length`` limits, the settings echoed in
``session_config`` (the properties that schema shares with the request) and their defaults.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from devin_client.testing._kernel.api import Call, Handlers
from devin_client.testing._kernel.errors import FieldError, HttpError
from devin_client.testing._kernel.spec import Spec, load_spec
from starlette.responses import JSONResponse, Response

from .models import TIMESTAMP_FORMAT, MindCraftBackend, SessionRecord

__all__ = ["PACKAGE", "Envelope", "SessionRules", "handlers", "json_length", "rules"]

PACKAGE: Final = "mindcraft_api"
"""The generated package whose ``openapi.json`` is this API's contract."""

CREATE: Final = "POST /v1/session/"

# The page's example answers config_data under session_config as ``data``: the one setting
# whose name changes on the way back.
_ECHOED_AS: Final = {"config_data": "data"}


def json_length(value: Any) -> int:
    """The length of ``value``'s JSON form, in characters, as ``x-max-json-length`` counts it.

    Compact separators and characters rather than bytes (``ensure_ascii=False``): the page says
    "字符长度最大100字符", at most 100 characters, of the value a client sends.
    """
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


@dataclass(frozen=True)
class SessionRules:
    """What the spec says about a create beyond JSON Schema, read once from the merged spec.

    Attributes:
        json_limits: Body property -> its ``x-max-json-length``.
        echoed: Body property -> its name in ``session_config``.
        defaults: Echoed body property -> the default it takes when not sent.
    """

    json_limits: Mapping[str, int]
    echoed: Mapping[str, str]
    defaults: Mapping[str, Any]

    @classmethod
    def from_spec(cls, spec: Spec) -> SessionRules:
        """Read the rules of the create operation from ``spec``."""
        found = spec.by_key[CREATE]
        operation = spec.document["paths"][found.path][found.method.lower()]
        request = _schema(spec, operation["requestBody"]["content"]["application/json"])
        body = _properties(spec, request)
        success = operation["responses"][str(found.success_status)]
        answer = _schema(spec, success["content"]["application/json"])
        session = _properties(spec, _properties(spec, answer)["data"])
        config = _properties(spec, session["session_config"])
        sent_as = {echo: name for name, echo in _ECHOED_AS.items()}
        # In session_config's order, as the page's example lists the settings.
        echoed = {
            sent_as.get(echo, echo): echo for echo in config if sent_as.get(echo, echo) in body
        }
        return cls(
            json_limits={
                name: prop["x-max-json-length"]
                for name, prop in body.items()
                if "x-max-json-length" in prop
            },
            echoed=echoed,
            defaults={name: body[name]["default"] for name in echoed if "default" in body[name]},
        )

    def check(self, body: Mapping[str, Any]) -> None:
        """Refuse a body past an ``x-max-json-length``.

        Raises:
            HttpError: 422 naming the property and its limit (never its value).
        """
        for name, limit in self.json_limits.items():
            if name in body and (length := json_length(body[name])) > limit:
                raise HttpError(
                    422, f"{name}: at most {limit} characters as JSON, this one has {length}"
                )

    def session_config(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """The settings a session echoes: those sent, and the defaults of those not sent."""
        values = {**self.defaults, **body}
        return {echo: values[name] for name, echo in self.echoed.items() if name in values}


def _schema(spec: Spec, media: Mapping[str, Any]) -> Mapping[str, Any]:
    return _resolve(spec, media["schema"])


def _properties(spec: Spec, schema: Mapping[str, Any]) -> Mapping[str, Any]:
    properties = _resolve(spec, schema).get("properties", {})
    return {name: _resolve(spec, prop) for name, prop in properties.items()}


def _resolve(spec: Spec, node: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:
        node = spec.ref(node["$ref"])
    return node


@functools.cache
def rules() -> SessionRules:
    """The rules of the shipped merged spec (``mindcraft_api/openapi.json``), read once."""
    return SessionRules.from_spec(load_spec(PACKAGE))


class Envelope:
    """MindCraft's error body: the success envelope with ``data`` null and the reason in
    ``message`` (the overlay's ``ErrorResponse``; inferred, the page documents no error)."""

    def error(self, status: int, detail: str, headers: Mapping[str, str] | None = None) -> Response:
        """``{"message": detail, "status": status, "data": null}``."""
        body = {"message": detail, "status": status, "data": None}
        return JSONResponse(body, status_code=status, headers=headers)

    def invalid(self, errors: list[FieldError]) -> Response:
        """422 whose ``message`` names each problem: ``history_length: Input should be ...``."""
        return self.error(422, "; ".join(f"{_where(e['loc'])}: {e['msg']}" for e in errors))


def _where(loc: list[str | int]) -> str:
    inside = loc[1:] if loc[:1] == ["body"] and len(loc) > 1 else loc
    return ".".join(str(part) for part in inside)


def envelope(record: SessionRecord) -> dict[str, Any]:
    """The 201 answer to a create: ``{message, status, data}``."""
    return {
        "message": "",
        "status": 201,
        "data": {
            "session_id": record.session_id,
            "api_id": record.api_id,
            "device_id": None,
            "session_name": record.name,
            "session_config": dict(record.config),
            "session_remark": record.remark,
            "created_at": record.created_at.strftime(TIMESTAMP_FORMAT),
            "updated_at": record.updated_at.strftime(TIMESTAMP_FORMAT),
        },
    }


handlers = Handlers[MindCraftBackend]()


@handlers(CREATE)
def create_session(call: Call[MindCraftBackend]) -> Any:
    """``session 创建新对话``: a new session in the caller's account, answered 201."""
    body: Mapping[str, Any] = call.body
    session_rules = rules()
    session_rules.check(body)
    record = call.state.create_session(
        int(call.principal.org_id),
        name=body.get("session_name", ""),
        remark=body.get("session_remark", ""),
        config=session_rules.session_config(body),
    )
    return envelope(record)

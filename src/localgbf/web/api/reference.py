"""The OpenAPI description turned into what the documentation page lists: each operation with
its parameters, body and answers, and each schema with its fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Param:
    name: str
    where: str
    type: str
    required: bool
    description: str
    choices: list[str] = field(default_factory=list)
    default: Any = None


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    tag: str
    anchor: str
    params: list[Param]
    body: str
    responses: list[tuple[str, str]]
    needs_token: bool


@dataclass
class SchemaField:
    name: str
    type: str
    required: bool
    description: str


@dataclass
class SchemaDoc:
    name: str
    fields: list[SchemaField]


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def type_label(schema: dict[str, Any], components: dict[str, Any]) -> str:
    """A short reading of a JSON schema: 'integer', 'list of ActionOut', 'string or null'."""
    if "$ref" in schema:
        return _ref_name(schema["$ref"])
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            return " or ".join(type_label(s, components) for s in schema[key])
    kind = schema.get("type")
    if kind == "array":
        return f"list of {type_label(schema.get('items') or {}, components)}"
    if kind == "object" and "additionalProperties" in schema:
        extra = schema["additionalProperties"]
        inner = type_label(extra, components) if isinstance(extra, dict) else "value"
        return f"map of {inner}"
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"])
    if "format" in schema:
        return f"{kind} ({schema['format']})"
    return str(kind or "value")


def _choices(schema: dict[str, Any], components: dict[str, Any]) -> list[str]:
    if "$ref" in schema:
        return _choices(components.get(_ref_name(schema["$ref"]), {}), components)
    if "enum" in schema:
        return [str(v) for v in schema["enum"]]
    for key in ("anyOf", "oneOf"):
        for part in schema.get(key, []):
            found = _choices(part, components)
            if found:
                return found
    return []


def operations(openapi: dict[str, Any]) -> list[Operation]:
    components = openapi.get("components", {}).get("schemas", {})
    out = []
    for path, item in openapi.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            params = [
                Param(
                    name=p["name"],
                    where=p["in"],
                    type=type_label(p.get("schema") or {}, components),
                    required=bool(p.get("required")),
                    description=p.get("description")
                    or (p.get("schema") or {}).get("description", ""),
                    choices=_choices(p.get("schema") or {}, components),
                    default=(p.get("schema") or {}).get("default"),
                )
                for p in op.get("parameters", [])
            ]
            body = ""
            content = (op.get("requestBody") or {}).get("content", {})
            if content:
                body = type_label(next(iter(content.values())).get("schema") or {}, components)
            responses = []
            for status, answer in op.get("responses", {}).items():
                media: dict[str, Any] = next(iter((answer.get("content") or {}).values()), {})
                schema = media.get("schema")
                responses.append((status, type_label(schema, components) if schema else ""))
            security = op.get("security") or []
            out.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=op.get("summary") or op.get("operationId", ""),
                    tag=(op.get("tags") or ["other"])[0],
                    anchor=op.get("operationId") or f"{method}-{path}",
                    params=params,
                    body=body,
                    responses=responses,
                    needs_token=bool(security) and {} not in security,
                )
            )
    return out


def schemas(openapi: dict[str, Any]) -> list[SchemaDoc]:
    components = openapi.get("components", {}).get("schemas", {})
    out = []
    for name, schema in sorted(components.items()):
        required = set(schema.get("required", []))
        out.append(
            SchemaDoc(
                name,
                [
                    SchemaField(
                        key,
                        type_label(prop, components),
                        key in required,
                        prop.get("description", ""),
                    )
                    for key, prop in (schema.get("properties") or {}).items()
                ],
            )
        )
    return out

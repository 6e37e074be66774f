#!/usr/bin/env python3
"""Adds the open-ecosystem operations (rate limits, deprecation, disclosures) to spec/openapi.json.

Idempotent: running it again replaces the same paths and component schemas with the same content.
Usage: scripts/openapi-add-open-ecosystem.py [path/to/openapi.json]
"""
import json
import sys

PATH = sys.argv[1] if len(sys.argv) > 1 else "spec/openapi.json"
SCHEMAS = "https://opis.hutong.dev/schemas/"


def problem(description="RFC 9457 problem details", headers=None):
    answer = {
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
    if headers:
        answer["headers"] = headers
    return answer


def ok(schema, headers=None):
    answer = {"description": "OK", "content": {"application/json": {"schema": schema}}}
    if headers:
        answer["headers"] = headers
    return answer


RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait (delta-seconds) or an HTTP-date (RFC 9110 §10.2.3)",
        "required": True,
        "schema": {"type": "string"},
    }
}
API_ERRORS = {
    "400": problem(),
    "401": problem(),
    "404": problem(),
    "429": problem("Rate limited: RFC 9457 problem details with Retry-After (RFC 6585 §4)", RETRY_AFTER),
}
PUBLIC_ERRORS = {"404": problem(), "429": problem("Rate limited (RFC 6585 §4)", RETRY_AFTER)}
KIND = {"name": "kind", "in": "path", "required": True, "schema": {"type": "string"}}
VERSION = {"name": "version", "in": "path", "required": True, "schema": {"type": "string"}}

PATHS = {
    "/api/v1/rate-limit-policy": {
        "get": {
            "operationId": "getRateLimitPolicy",
            "summary": "The rate-limit policy, the same for every client (OPIS OE-07, OE-08)",
            "responses": {"200": ok({"$ref": "#/components/schemas/RateLimitPolicy"}), **API_ERRORS},
        }
    },
    "/api/v1/rate-limit-probe": {
        "post": {
            "operationId": "probeRateLimit",
            "summary": "A no-op with a deliberately low limit (see the policy's `probe`), for observing the 429 answer",
            "responses": {
                "200": ok({"type": "object", "required": ["remaining"], "properties": {"remaining": {"type": "integer", "minimum": 0}}}),
                **API_ERRORS,
            },
        }
    },
    "/api/v1/legacy/categories": {
        "get": {
            "operationId": "listCategoriesLegacy",
            "summary": "Product categories (deprecated: read `category` from the products instead)",
            "deprecated": True,
            "responses": {
                "200": ok(
                    {
                        "type": "object",
                        "required": ["items"],
                        "properties": {
                            "items": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["id", "products"],
                                    "properties": {"id": {"type": "string"}, "products": {"type": "integer", "minimum": 0}},
                                },
                            }
                        },
                    },
                    {
                        "Deprecation": {"description": "RFC 9745 §2: structured-field Date `@<epoch>`", "required": True, "schema": {"type": "string"}},
                        "Sunset": {"description": "RFC 8594 §3: HTTP-date", "required": True, "schema": {"type": "string"}},
                    },
                ),
                **API_ERRORS,
            },
        }
    },
    "/disclosures": {
        "get": {
            "operationId": "listDisclosures",
            "summary": "Published platform documents (信息公示): rules, fee schedule, algorithmic rules",
            "security": [],
            "responses": {"200": ok({"$ref": "#/components/schemas/DisclosureIndex"}), **PUBLIC_ERRORS},
        }
    },
    "/disclosures/{kind}": {
        "get": {
            "operationId": "getCurrentDisclosure",
            "summary": "The version of a document in effect now",
            "security": [],
            "parameters": [KIND],
            "responses": {"200": ok({"$ref": "#/components/schemas/DisclosureDocument"}), **PUBLIC_ERRORS},
        }
    },
    "/disclosures/{kind}/versions": {
        "get": {
            "operationId": "listDisclosureVersions",
            "summary": "Every version of a document, announced, in effect or superseded",
            "security": [],
            "parameters": [KIND],
            "responses": {"200": ok({"$ref": "#/components/schemas/DisclosureHistory"}), **PUBLIC_ERRORS},
        }
    },
    "/disclosures/{kind}/versions/{version}": {
        "get": {
            "operationId": "getDisclosureVersion",
            "summary": "One version of a document",
            "security": [],
            "parameters": [KIND, VERSION],
            "responses": {
                "200": ok({"$ref": "#/components/schemas/DisclosureDocument"}),
                **PUBLIC_ERRORS,
                "410": problem("The version was withdrawn (a platform conforming to OE-12 never answers this)"),
            },
        }
    },
}

COMPONENTS = {
    "RateLimitPolicy": {"$ref": SCHEMAS + "rate-limit-policy.schema.json"},
    "DisclosureIndex": {"$ref": SCHEMAS + "disclosure-index.schema.json"},
    "DisclosureHistory": {"$ref": SCHEMAS + "disclosure-history.schema.json"},
    "DisclosureDocument": {"$ref": SCHEMAS + "disclosure-document.schema.json"},
}

with open(PATH, encoding="utf-8") as f:
    doc = json.load(f)
doc["paths"].update(PATHS)
doc["components"]["schemas"].update(COMPONENTS)
with open(PATH, "w", encoding="utf-8") as f:
    f.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")

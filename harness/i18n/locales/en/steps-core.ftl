# harness/runner/src/steps/core.rs: steps of features/core/ (discovery).

# Declared endpoints that do not answer (CORE-02).
steps-core-endpoint-status = `{ $name }` answers HTTP { $status }
steps-core-endpoint-transport = `{ $name }`: { $error }
steps-core-endpoints-broken = declared endpoints do not answer: { $endpoints }
steps-core-endpoints-undecided = not decided: the scenario's time budget ran out before every declared endpoint answered: { $endpoints }

# The OpenAPI document, read leniently (OE-01 judges it).
steps-core-precondition = precondition
steps-core-openapi-status = precondition: the OpenAPI document answered HTTP { $status }
steps-core-openapi-document = the OpenAPI document

# The well-known resources of the discovery document's origin.
steps-core-security-txt = security.txt
steps-core-api-catalog = the API catalog
steps-core-the-openapi-description = the OpenAPI description

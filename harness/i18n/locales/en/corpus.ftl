# harness/checks/src/corpus.rs: whom a client registration looks like (OE-02).

corpus-neutral-metadata = neutral metadata ({ $client_name })
corpus-app-metadata = { $app }'s metadata (client_name { $client_name }, software_id { $software_id }, client_uri { $client_uri }, contacts at { $contact_domain }, redirect URI on { $redirect_host })

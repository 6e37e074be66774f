# harness/checks/src/corpus.rs：客户端注册看起来像谁（OE-02）。

corpus-neutral-metadata = 中性元数据（{ $client_name }）
corpus-app-metadata = { $app } 的元数据（client_name { $client_name }，software_id { $software_id }，client_uri { $client_uri }，联系邮箱位于 { $contact_domain }，重定向 URI 位于 { $redirect_host }）

		ha_alert("%s '%s' has no server available!\n", proxy_type_str(be), be->id);

					ha_alert("Binding [%s:%d] for %s %s: protocol %s: %s.\n",

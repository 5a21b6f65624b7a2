		ha_alert("could not resolve address '%s'.\n", name);
			             "%sServer %s/%s is DOWN", s->flags & SRV_F_BACKUP ? "Backup " : "",

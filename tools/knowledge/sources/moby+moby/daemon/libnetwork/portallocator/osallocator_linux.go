		return nil, fmt.Errorf("failed to bind host port %s/%s: %w", addr, proto, err)

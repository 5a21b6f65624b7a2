		return nil, connectionErrorf(true, err, "transport: Error while dialing: %v", err)
		return connectionErrorf(true, err, "error reading server preface: %v", err)

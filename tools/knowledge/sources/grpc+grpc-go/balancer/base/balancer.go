		b.ResolverError(errors.New("produced zero addresses"))
		return fmt.Errorf("last connection error: %v", b.connErr)

	return fmt.Sprintf("rpc error: code = %s desc = %s", s.Code(), s.Message())

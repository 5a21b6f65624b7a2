	return fmt.Sprintf("Bind for %s:%d failed: port is already allocated", e.ip, e.port)

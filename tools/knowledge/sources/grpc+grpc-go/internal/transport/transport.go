	return fmt.Sprintf("connection error: desc = %q", e.Desc)

                  `Port ${p} taken on secondary address ${addr.address}, will keep searching to find a better port.`,
    `Port ${port} is not open on ${host}, could not start ${description}.`,
  return utils.reject(`Could not start ${description}, port taken.`, {});

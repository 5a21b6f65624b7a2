        throw new PSQLException(GT.tr("Connection attempt timed out."),

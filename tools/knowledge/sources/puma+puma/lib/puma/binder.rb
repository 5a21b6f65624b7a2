            raise "There is already a server bound to: #{path}"

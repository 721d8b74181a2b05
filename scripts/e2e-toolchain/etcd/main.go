// etcd v3.6, the release Kubernetes v1.34 is tested with, instead of Debian's 3.4.23: from etcd 3.4.31 and 3.5.13
// the API server can request watch progress notifications, which it needs to serve watch streams (client-go's
// WatchListClient, on by default from 0.35: kwok's v0.8.0 informers). Against 3.4.23 kwok's watches ended with
// "the required storage feature RequestWatchProgress is disabled" and it saw new pods only at its next relist.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}

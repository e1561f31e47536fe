// A static Go program (CGO_ENABLED=0) for tests/e2e/loader_peers.sh: the Go
// runtime reads argv, envp and auxv (AT_RANDOM, AT_PAGESZ, the vDSO) itself
// and starts threads. Run directly and through ring3-load, the output and
// exit status must be the same.
package main

import (
	"fmt"
	"os"
	"sync"
)

func main() {
	fmt.Println("args", os.Args)
	fmt.Println("RING3_PEER", os.Getenv("RING3_PEER"))
	var wg sync.WaitGroup
	sums := make([]int, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 100000; i++ {
				sums[g] += i % (g + 1)
			}
		}(g)
	}
	wg.Wait()
	fmt.Println("goroutines", sums)
	os.Exit(len(os.Args) + 10)
}
